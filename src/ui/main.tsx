import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { LabStore } from './hooks/labStore';
import { LabContext } from './hooks/useLab';
import './styles/base.css';

// Created outside React so StrictMode's double effects never start two workers.
const lab = new LabStore();
void lab.start();

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <LabContext value={lab}>
      <App />
    </LabContext>
  </StrictMode>,
);
